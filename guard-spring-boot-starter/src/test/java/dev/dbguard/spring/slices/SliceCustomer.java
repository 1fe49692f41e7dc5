package dev.dbguard.spring.slices;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the test schema's {@code customers} table, for the JPA slice. */
@Entity
@Table(name = "customers")
public class SliceCustomer {

    @Id
    private Integer id;

    private String name;

    protected SliceCustomer() {
    }

    public Integer getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
