package io.mentorium.archfixture.clean.application.port.in;

public interface LinkParent {

    LinkResult link(LinkParentCommand command);
}
