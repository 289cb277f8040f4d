package dev.kilo.gateway.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** When a key's spend starts again from zero. Periods are calendar periods in UTC. */
public enum BudgetPeriod {
    TOTAL,
    DAY,
    WEEK,
    MONTH;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period named {@code value} ({@code total}, {@code day}, {@code week}, {@code month}), or null. */
    @JsonCreator
    public static BudgetPeriod parse(String value) {
        for (BudgetPeriod period : values()) {
            if (period.wire().equals(value)) {
                return period;
            }
        }
        return null;
    }

    /** The id of the period containing {@code at}: spend counters are kept per window, so a new period starts empty. */
    public String window(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return switch (this) {
            case TOTAL -> "total";
            case DAY -> "day#" + day;
            case WEEK -> "week#" + day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> "month#" + day.getYear() + "-" + String.format("%02d", day.getMonthValue());
        };
    }

    /** When the period containing {@code at} ends, or null for a lifetime budget. */
    public Instant resetsAt(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate next = switch (this) {
            case TOTAL -> null;
            case DAY -> day.plusDays(1);
            case WEEK -> day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            case MONTH -> day.with(TemporalAdjusters.firstDayOfNextMonth());
        };
        return next == null ? null : next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
