package dev.kilo.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway is configured with, read once at start and immutable afterwards.
 * Provider presets and the environment variables that fill them live in core's
 * {@code META-INF/microprofile-config.properties}; an application's own {@code application.properties} overrides them.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Upstream providers by id. The id is the first segment of a model id: {@code openai/gpt-5-mini}. */
    Map<String, ProviderConfig> providers();

    /** Limits applied at our edge before any provider is called. */
    Limits limits();

    /** Bearer key verification. */
    Auth auth();

    /** DynamoDB tables. */
    Dynamo dynamodb();

    /** The model catalog served by {@code /v1/models}. */
    Catalog catalog();

    /** How the automatic model ids ({@code kilo/auto}, {@code kilo-auto/*}) are listed; the router serves them. */
    Auto auto();

    interface Auto {
        /**
         * The model whose limits and parameters an automatic id is listed with in {@code /v1/models}, for example
         * {@code gateway.auto.models."kilo-auto/small"=openai/gpt-5-mini}; without one, the catalog's largest-context
         * model with tools. Since the router serves automatic ids, this no longer chooses the serving model.
         */
        Map<String, String> models();

        /**
         * The listing model for every automatic id without its own entry in {@code models} (except
         * {@code kilo-auto/free}). Locally: {@code KILO_AUTO_MODEL}. Deprecated with the router: listing only.
         */
        Optional<String> model();

        /** The model {@code GET /api/defaults} names for clients that ask (Kilo Code). */
        @WithDefault("kilo/auto")
        String defaultModel();
    }

    /** The kilo/auto router: policy compilation, decision records, stickiness, provider health. */
    Routing routing();

    interface Routing {
        /**
         * Compile and store the routing policy in this process whenever the catalog version moves (the local
         * server). On AWS the router function compiles (on catalog changes and on a schedule) and the completions
         * function only reads the stored policy.
         */
        @WithDefault("false")
        boolean compileLocally();

        /** How often a running instance checks the stored policy's version (one small read) and reloads it. */
        @WithDefault("30s")
        Duration refreshInterval();

        /** Write a decision record per routed request, readable at {@code GET /v1/route/{request-id}}. */
        @WithDefault("true")
        boolean recordDecisions();

        /** How long decision records are kept (DynamoDB TTL). */
        @WithDefault("30d")
        Duration decisionTtl();

        /** How long a conversation stays pinned to its model after its last request. */
        @WithDefault("2h")
        Duration sessionTtl();

        /** Most conversations pinned in this process's memory (the table holds the rest). */
        @WithDefault("50000")
        long sessionCacheSize();

        /**
         * Route only to models of providers configured in this process. Off for a process that explains routes
         * without calling models (an evaluation against a catalog of providers it has no keys for); a process with
         * no provider configured at all never filters.
         */
        @WithDefault("true")
        boolean onlyConfiguredProviders();

        /** Failures in a row (429, 5xx, timeout, connection) after which a provider is skipped while others fit. */
        @WithDefault("3")
        int unhealthyAfter();

        /** How long a provider that failed that often is skipped before it is tried again. */
        @WithDefault("30s")
        Duration unhealthyFor();
    }

    /** Usage records, costs and per-key limits. */
    Usage usage();

    interface Usage {
        /** How long usage records and daily totals are kept (DynamoDB TTL). */
        @WithDefault("90d")
        Duration retention();

        /**
         * How long a writer waits for more records to share a transaction with the first one it takes (up to 25).
         * Under load this turns one DynamoDB transaction per request into one per 25; it never delays an answer,
         * and {@code drain} (after each Lambda invocation, at shutdown) skips it.
         */
        @WithDefault("50ms")
        Duration batchLinger();

        /** Threads writing usage records off the response path. */
        @WithDefault("2")
        int writerThreads();

        /**
         * Most usage records waiting to be written (about 1.5 KB of heap each) before new requests are refused with
         * 503 {@code usage_backlog} until the writer catches up: when DynamoDB slows down or throttles, the backlog
         * must not grow until the process runs out of memory and loses every record it holds.
         */
        @WithDefault("50000")
        int maxPending();

        /**
         * Attempts to write one usage record before it is given up and logged in full (as JSON, at ERROR) so that
         * it can be replayed; between attempts the writer backs off exponentially from 100 ms up to 10 s.
         */
        @WithDefault("10")
        int writeAttempts();

        /**
         * Output tokens assumed when a request sets no maximum and the catalog knows none for the model; with the
         * prompt estimate, what a budget reservation holds until the real cost is known.
         */
        @WithDefault("4096")
        int defaultMaxOutputTokens();

        /**
         * Request body bytes per prompt token assumed for reservations. Tokenizers average about four bytes per
         * token on English and code, and the body also carries JSON syntax, so three over-reserves a little:
         * a reservation should rather hold too much (released at settlement) than let concurrent requests pass the
         * budget.
         */
        @WithDefault("3")
        int bytesPerToken();
    }

    /** Model discovery: asking every provider which models it serves. */
    Discovery discovery();

    interface Discovery {
        /** Refresh the catalog when the application starts (the local server; Lambda runs it on a schedule). */
        @WithDefault("false")
        boolean onStart();

        /** How often a running local server refreshes; 0 turns the timer off. */
        @WithDefault("60m")
        Duration interval();

        /** How long a model a provider stopped listing stays in {@code /v1/models} before it leaves. */
        @WithDefault("24h")
        Duration goneGrace();

        /** Longest a whole refresh may take; a provider still listing then counts as failed. */
        @WithDefault("60s")
        Duration timeout();
    }

    /**
     * Provider API keys from AWS Secrets Manager. Read by {@link ProviderKeysConfigSourceFactory} while the
     * configuration is built (before this mapping exists); declared here so that the properties are documented and
     * known.
     */
    ProviderKeys providerKeys();

    interface ProviderKeys {
        /**
         * ARN or name of one secret holding a JSON map of provider id to API key ({@code {"openai":"sk-..."}}),
         * read once at start; each entry becomes {@code gateway.providers.<id>.api-key}. Unset (the local server,
         * tests): off. On Lambda Terraform sets {@code GATEWAY_PROVIDER_KEYS_SECRET}.
         */
        Optional<String> secret();

        /** Region of the secret; by default the SDK's (on Lambda, {@code AWS_REGION}). */
        Optional<String> region();

        /** Another Secrets Manager endpoint (tests point it at a fake). */
        Optional<String> endpointOverride();
    }

    /** Running as an AWS Lambda function. */
    Lambda lambda();

    interface Lambda {
        /**
         * Address of the Lambda Runtime API ({@code host:port}), which Lambda sets as {@code AWS_LAMBDA_RUNTIME_API}.
         * When present, the completions function runs its streaming runtime loop; elsewhere it is a plain server.
         */
        Optional<String> runtimeApi();
    }

    interface Limits {
        /**
         * Largest accepted request body in bytes; larger bodies get a 413 in OpenAI's error shape.
         * Lambda itself accepts at most 6 MB per invocation, so the function sets less.
         */
        @WithDefault("10485760")
        long maxBodyBytes();
    }

    interface Auth {
        /**
         * How long a verified key stays trusted in this process without asking DynamoDB again. A revoked key stops
         * working on every instance within this time.
         */
        @WithDefault("30s")
        Duration keyCacheTtl();

        /** How long an unknown key is remembered as unknown, so that floods of bad keys do not each read DynamoDB. */
        @WithDefault("5s")
        Duration unknownKeyCacheTtl();

        /**
         * Whether {@code GET .../models} answers without a key, as the hosted OpenRouter and Kilo gateways do
         * (OpenClaw discovers models unauthenticated). Everything else always needs a key.
         */
        @WithDefault("true")
        boolean publicModelList();

        /** Most entries each key cache holds. */
        @WithDefault("10000")
        long keyCacheSize();
    }

    interface Dynamo {
        /** Prefix of every table name, so several gateways can share one account. */
        @WithDefault("kilo-gateway-")
        String tablePrefix();

        /** Create missing tables at start (local server and tests; in AWS, Terraform owns the tables). */
        @WithDefault("false")
        boolean createTables();
    }

    interface Catalog {
        /** How often a running instance re-reads the catalog from DynamoDB. */
        @WithDefault("30s")
        Duration refreshInterval();

        /** Load the catalog (and seed it) when the application starts; the key CLI does not need it. */
        @WithDefault("true")
        boolean loadOnStart();

        /** Write the configured models of every enabled provider into the catalog at start. */
        @WithDefault("true")
        boolean seedFromConfig();
    }
}
