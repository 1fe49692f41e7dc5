package dev.dbguard.core.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlHostsTest {

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            // PostgreSQL
            "jdbc:postgresql://db.example.com:5432/app                          | db.example.com",
            "jdbc:postgresql://db.example.com/app                               | db.example.com",
            "jdbc:postgresql://h1:5432,h2:5433/db?targetServerType=primary      | h1 h2",
            "jdbc:postgresql://DB.Example.COM/app                               | db.example.com",
            "jdbc:postgresql://[::1]:5432/app                                   | ::1",
            "jdbc:postgresql://[2001:db8::7]/app                                | 2001:db8::7",
            "jdbc:postgresql:app                                                | localhost",
            "jdbc:postgresql:///app                                             | localhost",
            "jdbc:postgresql://10.1.2.3/app?user=a&password=b                   | 10.1.2.3",
            "jdbc:postgresql://proxy:6432/app?host=real-db&PGHOST=other-db      | proxy real-db other-db",
            "jdbc:postgresql:///app?PGHOST=pg.internal                          | pg.internal",
            "jdbc:postgresql://localhost/app?options=-c%20search_path=x         | localhost",
            // MySQL / MariaDB
            "jdbc:mysql://mysql.example.com:3306/shop                           | mysql.example.com",
            "jdbc:mysql://user:secret@mysql.example.com/shop                    | mysql.example.com",
            "jdbc:mysql://a:3306,b:3307/shop?useSSL=true                        | a b",
            "jdbc:mysql+srv://cluster.example.com/shop                          | cluster.example.com",
            "jdbc:mysql:loadbalance://lb1,lb2/shop                              | lb1 lb2",
            "jdbc:mysql://address=(host=m1)(port=3306),address=(host=m2)/shop   | m1 m2",
            "jdbc:mysql://(host=k1,port=3306,user=x),(host=k2,port=3307)/shop   | k1 k2",
            "jdbc:mariadb://maria.example.com/shop                              | maria.example.com",
            "jdbc:mariadb:replication://primary:3306,replica:3306/shop          | primary replica",
            "jdbc:mariadb:sequential://s1,s2/shop                               | s1 s2",
            "jdbc:mariadb://address=(host=p)(port=3306)(type=primary),address=(host=r)(type=replica)/shop | p r",
            "jdbc:mariadb:///shop                                               | localhost",
            // SQL Server
            "jdbc:sqlserver://sql.example.com:1433;databaseName=crm             | sql.example.com",
            "jdbc:sqlserver://sql.example.com\\prod:1433;databaseName=crm        | sql.example.com",
            "jdbc:sqlserver://sql.example.com\\prod;databaseName=crm             | sql.example.com",
            "jdbc:sqlserver://;serverName=named.example.com;databaseName=crm    | named.example.com",
            "jdbc:sqlserver://a.example.com;serverName=b.example.com            | a.example.com b.example.com",
            "jdbc:jtds:sqlserver://jt.example.com:1433/crm;ssl=require          | jt.example.com",
            // Oracle thin
            "jdbc:oracle:thin:@//ora.example.com:1521/ORCLPDB                   | ora.example.com",
            "jdbc:oracle:thin:@ora.example.com:1521:ORCL                        | ora.example.com",
            "jdbc:oracle:thin:@ora.example.com:1521/svc                         | ora.example.com",
            "jdbc:oracle:thin:scott/tiger@//ora.example.com:1521/svc            | ora.example.com",
            "jdbc:oracle:thin:@tcps://ora.example.com:2484/svc                  | ora.example.com",
            "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS_LIST=(ADDRESS=(PROTOCOL=TCP)(HOST=o1)(PORT=1521))(ADDRESS=(PROTOCOL=TCP)(HOST=o2)(PORT=1521)))(CONNECT_DATA=(SERVICE_NAME=s))) | o1 o2",
            "jdbc:oracle:thin:@(description=(address=(protocol=tcp)(host = o3)(port=1521))) | o3",
            // the dbguard driver's own prefix
            "jdbc:dbguard:postgresql://guarded.example.com/app                  | guarded.example.com",
            "JDBC:DBGUARD:mysql://a,b/shop                                      | a b",
            "jdbc:dbguard:oracle:thin:@//ora.example.com:1521/svc               | ora.example.com",
            "'  jdbc:postgresql://spaced.example.com/app  '                     | spaced.example.com",
            // no host to find
            "jdbc:h2:mem:test                                                   | none",
            "jdbc:sqlite:/tmp/app.db                                            | none",
            "not a url                                                          | none",
            "jdbc:oracle:thin:                                                  | none",
    })
    void findsTheHosts(String url, String expected) {
        List<String> hosts = JdbcUrlHosts.hosts(url);

        assertThat(hosts).containsExactlyElementsOf(expected == null ? List.of() : Arrays.asList(expected.split(" ")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db/app?user=a&password=s3cret&ssl=true | jdbc:postgresql://db/app?user=a&password=***&ssl=true",
            "jdbc:sqlserver://db;user=a;password=s3cret;encrypt=true  | jdbc:sqlserver://db;user=a;password=***;encrypt=true",
            "jdbc:mysql://a:s3cret@db/shop                            | jdbc:mysql://a:***@db/shop",
            "jdbc:postgresql://db/app?PWD=s3cret                      | jdbc:postgresql://db/app?PWD=***",
            "jdbc:postgresql://db/app                                 | jdbc:postgresql://db/app",
    })
    void redactsPasswords(String url, String expected) {
        assertThat(JdbcUrlHosts.redact(url)).isEqualTo(expected);
    }
}
