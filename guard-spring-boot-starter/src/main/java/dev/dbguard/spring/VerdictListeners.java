package dev.dbguard.spring;

import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.VerdictListener;

import java.util.List;

/** Tells several listeners about each verdict; one that throws does not keep the others from hearing it. */
final class VerdictListeners implements VerdictListener {

    private final List<VerdictListener> listeners;

    private VerdictListeners(List<VerdictListener> listeners) {
        this.listeners = listeners;
    }

    /** One listener for all of {@code listeners}: {@link VerdictListener#NONE}, the only one, or a composite. */
    static VerdictListener of(List<VerdictListener> listeners) {
        return switch (listeners.size()) {
            case 0 -> VerdictListener.NONE;
            case 1 -> listeners.get(0);
            default -> new VerdictListeners(List.copyOf(listeners));
        };
    }

    @Override
    public void onVerdict(Target target, Verdict verdict) {
        RuntimeException first = null;
        for (VerdictListener listener : listeners) {
            try {
                listener.onVerdict(target, verdict);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            // The engine logs and swallows it, so one broken listener is reported once, like any other.
            throw first;
        }
    }
}
