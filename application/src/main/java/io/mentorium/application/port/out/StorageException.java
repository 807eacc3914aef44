package io.mentorium.application.port.out;

/**
 * A storage adapter could not do its work (connection lost, constraint broken, timeout). Adapters wrap their library's
 * exceptions in this one so nothing from JDBC or Jdbi crosses a port.
 */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
