package io.mentorium.adapters.persistence.demo;

/**
 * Demo data was asked for where this process must not write it (a platform database it does not own, or a schema
 * holding relations the demo installer did not create). A configuration error, not a failure: nothing was written.
 */
public final class DemoRefusedException extends IllegalStateException {

    public DemoRefusedException(String message) {
        super(message);
    }
}
