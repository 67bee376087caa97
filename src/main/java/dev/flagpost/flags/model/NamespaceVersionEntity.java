package dev.flagpost.flags.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A namespace's change counter: every write bumps it, every node polls it to drop stale cached state. */
@Entity
@Table(name = "namespace_versions")
public class NamespaceVersionEntity {
    @Id
    @Column(name = "namespace_key")
    public String namespaceKey;
    public long version;
}
