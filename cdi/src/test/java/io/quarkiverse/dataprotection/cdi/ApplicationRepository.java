package io.quarkiverse.dataprotection.cdi;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/** An application's own key store bean, standing for a database or a cloud store. */
@ApplicationScoped
public class ApplicationRepository implements XmlRepository {

    private final InMemoryXmlRepository elements = new InMemoryXmlRepository();

    @Override
    public List<StoredElement> readAll() {
        return elements.readAll();
    }

    @Override
    public void add(String xml, String friendlyName) {
        elements.add(xml, friendlyName);
    }

    @Override
    public void remove(Collection<StoredElement> removed) {
        elements.remove(removed);
    }

    @Override
    public String description() {
        return "application-repository";
    }

    /** A second store bean, which makes the store ambiguous. */
    @ApplicationScoped
    public static class Another extends ApplicationRepository {
    }
}
