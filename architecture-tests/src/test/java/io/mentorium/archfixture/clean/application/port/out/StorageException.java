package io.mentorium.archfixture.clean.application.port.out;

/** The port-level exception adapters translate their library's failures into; it may sit among the out-ports. */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
