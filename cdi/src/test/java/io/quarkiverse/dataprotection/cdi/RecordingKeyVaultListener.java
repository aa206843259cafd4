package io.quarkiverse.dataprotection.cdi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultCallListener;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultOperation;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultOutcome;

/** An application's Key Vault metrics bean, recording each call as {@code operation/outcome}. */
@ApplicationScoped
public class RecordingKeyVaultListener implements KeyVaultCallListener {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Read through a method: the test holds a client proxy, whose fields are not the bean's. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void onCall(KeyVaultOperation operation, KeyVaultOutcome outcome) {
        calls.add(operation + "/" + outcome);
    }
}
