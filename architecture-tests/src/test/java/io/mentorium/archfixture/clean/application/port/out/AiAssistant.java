package io.mentorium.archfixture.clean.application.port.out;

public interface AiAssistant {

    String summarise(String text);
}
