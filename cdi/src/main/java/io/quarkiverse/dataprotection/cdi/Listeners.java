package io.quarkiverse.dataprotection.cdi;

import java.util.List;

import io.quarkiverse.dataprotection.DataProtectionListener;

/** Composes the application's {@link DataProtectionListener} beans into the one listener the builder takes. */
final class Listeners {

    private Listeners() {
    }

    static DataProtectionListener compose(List<DataProtectionListener> listeners) {
        if (listeners.isEmpty()) {
            return DataProtectionListener.NONE;
        }
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        List<DataProtectionListener> all = List.copyOf(listeners);
        return new DataProtectionListener() {
            @Override
            public void onProtect() {
                all.forEach(DataProtectionListener::onProtect);
            }

            @Override
            public void onUnprotect() {
                all.forEach(DataProtectionListener::onUnprotect);
            }

            @Override
            public void onFailure(Failure reason) {
                all.forEach(listener -> listener.onFailure(reason));
            }

            @Override
            public void onKeyRingRefresh(boolean success) {
                all.forEach(listener -> listener.onKeyRingRefresh(success));
            }

            @Override
            public void onKeysRestored(int elements) {
                all.forEach(listener -> listener.onKeysRestored(elements));
            }
        };
    }
}
