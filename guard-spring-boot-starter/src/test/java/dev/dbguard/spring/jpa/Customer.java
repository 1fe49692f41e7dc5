package dev.dbguard.spring.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The {@code customers} table as Hibernate sees it. */
@Entity
@Table(name = "customers")
public class Customer {

    @Id
    private Integer id;

    private String name;

    protected Customer() {
    }

    public Integer getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
