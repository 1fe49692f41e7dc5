package dev.dbguard.pgproxy;

import dev.dbguard.core.internal.LogEscaper;
import dev.dbguard.core.posture.Posture;
import dev.dbguard.core.posture.PostureFinding;

import java.util.Comparator;
import java.util.Map;

/**
 * The admin port's {@code /posture}: one object per account and route, in route then account order, with the
 * fields of the Spring starter's actuator {@code posture}:
 * {@code [{"route":"production","account":"app@shop","environment":"production","checked":true,"exposed":true,
 * "findings":{"owner":"account app is the OWNER of ..."},"line":"dbguard posture ..."}]}.
 */
final class PostureJson {

    private PostureJson() {
    }

    static String of(Map<AccountPostures.Account, Posture> postures) {
        StringBuilder json = new StringBuilder("[");
        postures.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(AccountPostures.Account::route)
                        .thenComparing(AccountPostures.Account::user)
                        .thenComparing(AccountPostures.Account::database)))
                .forEach(entry -> {
                    AccountPostures.Account account = entry.getKey();
                    Posture posture = entry.getValue();
                    json.append(json.length() > 1 ? ",\n " : "\n ").append('{');
                    field(json, "route", account.route()).append(',');
                    field(json, "account", account.user() + "@" + account.database()).append(',');
                    field(json, "environment", posture.environment()).append(',');
                    json.append("\"checked\":").append(posture.checked()).append(',');
                    json.append("\"exposed\":").append(posture.exposed()).append(",\"findings\":{");
                    boolean first = true;
                    for (PostureFinding finding : posture.findings()) {
                        if (!first) {
                            json.append(',');
                        }
                        first = false;
                        field(json, finding.id(), finding.text());
                    }
                    json.append("},");
                    field(json, "line", posture.line()).append('}');
                });
        return json.append(postures.isEmpty() ? "]\n" : "\n]\n").toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return LogEscaper.appendJsonString(LogEscaper.appendJsonString(json, name).append(':'), value);
    }
}
