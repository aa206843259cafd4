package io.quarkiverse.dataprotection.azure.keyvault;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;

/** The plain-Java default transport; kept apart so azure-core-http-jdk-httpclient is loaded only when used. */
final class DefaultHttpClient {

    private DefaultHttpClient() {
    }

    static HttpClient create() {
        return new JdkHttpClientBuilder().build();
    }
}
