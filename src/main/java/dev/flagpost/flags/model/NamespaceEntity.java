package dev.flagpost.flags.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "namespaces")
public class NamespaceEntity {
    @Id
    @Column(name = "`key`")
    public String key;
    public String name;
    public String description = "";
    @Column(name = "protected")
    public boolean protectedNamespace;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
