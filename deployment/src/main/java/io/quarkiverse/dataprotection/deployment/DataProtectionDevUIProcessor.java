package io.quarkiverse.dataprotection.deployment;

import java.util.Map;

import io.quarkiverse.dataprotection.runtime.devui.DataProtectionJsonRpcService;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Dev UI card (dev mode only): the key ring page with its actions, the purposes found at build time, and the
 * guide. The page talks to {@link DataProtectionJsonRpcService}; nothing here runs at run time.
 */
class DataProtectionDevUIProcessor {

    static final String GUIDE = "https://docs.quarkiverse.io/quarkus-data-protection/dev/index.html";
    static final String KEY_RING_COMPONENT = "qwc-data-protection-key-ring.js";

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card(ProtectorPurposesBuildItem purposes) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("purposes", purposes.purposes().stream().map(chain -> Map.of("purpose", chain)).toList());
        card.addPage(Page.webComponentPageBuilder()
                .title("Key ring")
                .icon("font-awesome-solid:key")
                .componentLink(KEY_RING_COMPONENT));
        card.addPage(Page.tableDataPageBuilder("Purposes")
                .icon("font-awesome-solid:tags")
                .buildTimeDataKey("purposes")
                .showColumn("purpose")
                .staticLabel(String.valueOf(purposes.purposes().size())));
        card.addPage(Page.externalPageBuilder("Guide")
                .icon("font-awesome-solid:book")
                .url(GUIDE, GUIDE)
                .doNotEmbed());
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpcService() {
        return new JsonRPCProvidersBuildItem(DataProtectionJsonRpcService.class);
    }
}
