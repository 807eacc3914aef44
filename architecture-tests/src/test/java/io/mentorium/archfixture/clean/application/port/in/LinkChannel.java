package io.mentorium.archfixture.clean.application.port.in;

public enum LinkChannel {
    TELEGRAM,
    WEB
}
