/**
 * The Spring Boot starter: {@link dev.dbguard.spring.DbGuardAutoConfiguration} guards every {@code DataSource} bean
 * with the {@code dbguard.*} properties ({@link dev.dbguard.spring.DbGuardProperties}); the {@code dbguard}
 * actuator endpoint ({@link dev.dbguard.spring.DbGuardEndpoint}) shows what each guard did.
 */
package dev.dbguard.spring;
