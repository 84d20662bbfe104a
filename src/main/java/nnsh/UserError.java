package nnsh;

/**
 * A mistake in what the user gave us (a file, a command, a number), told in one line:
 * what was wrong, where, and what was expected. The shell prints the message alone, never a
 * stack trace, and the session keeps its state.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
