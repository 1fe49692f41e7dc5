package dev.dbguard.spring.h2app;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's repository test: a JPA slice on the embedded database Spring puts in. */
@DataJpaTest
class OwnerRepositoryTests {

    @Autowired
    private OwnerRepository owners;

    @Autowired
    private EntityManager entityManager;

    @Test
    void deletesEveryOwner() {
        owners.save(new Owner("Harold Davis"));
        assertThat(owners.count()).isEqualTo(3);
        entityManager.createNativeQuery("DELETE FROM visits").executeUpdate();
        entityManager.createNativeQuery("DELETE FROM pets").executeUpdate();
        owners.deleteAllInBatch();
        assertThat(owners.count()).isZero();
    }
}
