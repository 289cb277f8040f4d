package dev.kilo.gateway.discovery;

import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.store.CatalogStore.StoredModel;
import dev.kilo.gateway.store.ContentHash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a refresh changes, decided without touching DynamoDB: a model is written only when it is new, its content
 * changed or it comes back from gone; a stored model that a provider no longer lists is marked gone, but only for
 * providers that answered (a provider that failed keeps its last good models). Pure.
 *
 * @param writes models to write, with their content hashes
 * @param gone ids to mark gone
 * @param catalogHash hash of everything {@code /v1/models} will list afterwards: the catalog version changes with it
 */
public record CatalogPlan(List<Write> writes, List<String> gone, String catalogHash) {

    public record Write(CatalogModel model, String hash, String source) {
    }

    /** A model as the refresh found it, with where its data came from. */
    public record Fresh(CatalogModel model, String source) {
    }

    /**
     * @param stored the table as it is, by id
     * @param answered for each provider that answered, its models now
     * @param json the stored form of a document (what its hash is taken of)
     */
    public static CatalogPlan of(Map<String, StoredModel> stored, Map<String, List<Fresh>> answered,
            Function<CatalogModel, String> json, Instant now, Duration grace) {
        List<Write> writes = new ArrayList<>();
        Map<String, String> listedHashes = new TreeMap<>();
        Set<String> freshIds = new HashSet<>();
        for (List<Fresh> models : answered.values()) {
            for (Fresh fresh : models) {
                String hash = ContentHash.sha256(json.apply(fresh.model()));
                StoredModel before = stored.get(fresh.model().id());
                if (before == null || !hash.equals(before.hash()) || !before.active()) {
                    writes.add(new Write(fresh.model(), hash, fresh.source()));
                }
                freshIds.add(fresh.model().id());
                listedHashes.put(fresh.model().id(), hash);
            }
        }
        List<String> gone = new ArrayList<>();
        for (StoredModel before : stored.values()) {
            String id = before.model().id();
            if (freshIds.contains(id)) {
                continue;
            }
            boolean providerAnswered = answered.containsKey(before.model().provider());
            Instant goneSince = before.goneSince();
            if (providerAnswered && before.active()) {
                gone.add(id);
                goneSince = now;
            }
            if (listed(before.active() && !providerAnswered, goneSince, now, grace)) {
                listedHashes.put(id, before.hash());
            }
        }
        return new CatalogPlan(writes, gone, hashOf(listedHashes));
    }

    /** Whether a stored model is still served: active, or gone for less than the grace period. */
    public static boolean listed(boolean active, Instant goneSince, Instant now, Duration grace) {
        return active || goneSince != null && goneSince.plus(grace).isAfter(now);
    }

    private static String hashOf(Map<String, String> listed) {
        StringBuilder all = new StringBuilder();
        listed.forEach((id, hash) -> all.append(id).append('=').append(hash).append('\n'));
        return ContentHash.sha256(all.toString());
    }

    /** The stored models by id. */
    public static Map<String, StoredModel> byId(List<StoredModel> stored) {
        Map<String, StoredModel> byId = new HashMap<>();
        stored.forEach(model -> byId.put(model.model().id(), model));
        return byId;
    }
}
