package dev.kilo.gateway.usage;

import dev.kilo.gateway.auth.ApiKey;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.store.UsageStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Usage lookups for callers: one request's record, and a key's daily totals. Each key sees only its own. */
@ApplicationScoped
public class UsageService {

    /** Longest span one {@code GET /v1/usage} covers. */
    static final int MAX_DAYS = 366;

    private final UsageStore store;

    public UsageService(UsageStore store) {
        this.store = store;
    }

    /**
     * The record of a request made with {@code caller}'s key. Another key's request answers 404, as if it did not
     * exist, so ids cannot be probed; an admin key may read any.
     */
    public UsageRecord generation(String requestId, ApiKey caller) {
        if (requestId == null || requestId.isBlank()) {
            throw GatewayException.invalidParam("id", "missing_required_parameter", "Missing required parameter: 'id'.");
        }
        return store.find(requestId.strip())
                .filter(record -> caller.admin() || caller.id().equals(record.keyId()))
                .orElseThrow(() -> GatewayException.notFound("No generation with id '" + requestId.strip()
                        + "' for this key. Records are written just after the answer; retry in a moment."));
    }

    /** Daily totals of {@code keyId} (the caller's own unless the caller is an admin) between two UTC days. */
    public List<DailyUsage> daily(ApiKey caller, String keyId, String from, String to) {
        String subject = keyId == null || keyId.isBlank() ? caller.id() : keyId.strip();
        if (!subject.equals(caller.id()) && !caller.admin()) {
            throw GatewayException.notFound("No usage for key '" + subject + "' visible to this key.");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate end = day(to, "to", today);
        LocalDate start = day(from, "from", end.minusDays(29));
        if (start.isAfter(end)) {
            throw GatewayException.invalidParam("from", "invalid_value", "'from' is after 'to'.");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw GatewayException.invalidParam("from", "invalid_value",
                    "At most " + MAX_DAYS + " days can be read at once.");
        }
        return store.daily(subject, start, end);
    }

    private static LocalDate day(String text, String param, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw GatewayException.invalidParam(param, "invalid_value",
                    "Invalid '" + param + "': '" + text + "'. Expected a date as YYYY-MM-DD (UTC).");
        }
    }
}
