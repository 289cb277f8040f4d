# Kilo Gateway. `make help` lists the targets.
SHELL := /bin/bash
MVN := ./mvnw -B -q
PORT ?= 8080
DDB_LIB := infra/dynamodb-local/target/lib
LOCAL_JAR := src/local/target/quarkus-app/quarkus-run.jar
CLI_JAR := src/cli/target/quarkus-app/quarkus-run.jar
# The WireMock the tests use, from the local Maven repository once the build has fetched it.
MAVEN_REPO ?= $(HOME)/.m2/repository
WIREMOCK_JAR := $(MAVEN_REPO)/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar
SOURCES := $(shell find src infra -type f \( -name '*.java' -o -name '*.properties' -o -name 'pom.xml' -o -name '*.json' \) -not -path '*/target/*' -not -path '*/node_modules/*') pom.xml

.PHONY: help run test package native key key-list key-revoke discover bench bench-discovery fake-upstream

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-11s %s\n", $$1, $$2}'

run: $(LOCAL_JAR) ## Run the gateway on http://localhost:8080 (PORT=... to change) with an embedded DynamoDB Local (provider keys from the environment)
	PORT=$(PORT) java -Ddynamodb.local.lib=$(DDB_LIB) -jar $(LOCAL_JAR)

test: ## Build everything and run every test (DynamoDB Local, WireMock fakes, the openai npm client)
	./mvnw -B verify

package: ## Build the Lambda deployment zips (JVM): src/functions/*/target/function.zip
	$(MVN) package -DskipTests
	@ls -l src/functions/*/target/function.zip

native: ## Build the native provided.al2023 bootstrap zips (needs GraalVM or Mandrel native-image)
	$(MVN) package -DskipTests -Pnative -pl src/functions/completions -am

key: $(CLI_JAR) ## Create an API key: make key NAME=alice [ROLE=admin] [BUDGET=USD PERIOD=month] [RPM=n] [TPM=n]; the secret is the last line
	@test -n "$(NAME)" || { echo "usage: make key NAME=<name> [ROLE=admin] [BUDGET=<usd> [PERIOD=total|day|week|month]] [RPM=<n>] [TPM=<n>]" >&2; exit 2; }
	@java -Ddynamodb.local.lib=$(DDB_LIB) -jar $(CLI_JAR) create "$(NAME)" $(if $(filter admin,$(ROLE)),--admin,) \
		$(if $(BUDGET),--budget $(BUDGET),) $(if $(PERIOD),--period $(PERIOD),) $(if $(RPM),--rpm $(RPM),) $(if $(TPM),--tpm $(TPM),)

key-list: $(CLI_JAR) ## List API keys (ids, names, status; never secrets)
	@java -Ddynamodb.local.lib=$(DDB_LIB) -jar $(CLI_JAR) list

key-revoke: $(CLI_JAR) ## Revoke an API key: make key-revoke ID=key_...
	@test -n "$(ID)" || { echo "usage: make key-revoke ID=<key id>" >&2; exit 2; }
	@java -Ddynamodb.local.lib=$(DDB_LIB) -jar $(CLI_JAR) revoke "$(ID)"

discover: $(CLI_JAR) ## Refresh the model catalog now from every configured provider (prints the report)
	@java -Ddynamodb.local.lib=$(DDB_LIB) -jar $(CLI_JAR) discover

bench: ## Benchmark the request path: mock upstream direct vs our gateway [vs PEER=portkey], wrk at 1 and 16 conns
	$(MVN) package -DskipTests -pl src/local,src/cli,src/functions/completions,src/bench -am
	$(if $(filter portkey,$(PEER)),cd bench/peer && npm ci --no-audit --no-fund --loglevel=error)
	java -cp 'src/bench/target/lib/*:src/bench/target/classes' dev.kilo.gateway.bench.Bench $(if $(PEER),--peer=$(PEER))

bench-discovery: ## Benchmark a catalog refresh of 500 models from 10 providers (time, DynamoDB writes)
	$(MVN) install -DskipTests -pl src/local -am
	./mvnw -B -q test -pl src/local -Dgroups=bench -Dbench.excluded= -Dtest=DiscoveryBench -Dsurefire.failIfNoSpecifiedTests=false

fake-upstream: $(WIREMOCK_JAR) ## Serve a fake OpenAI upstream on http://127.0.0.1:9911 (see infra/fakes)
	java -jar $(WIREMOCK_JAR) --bind-address 127.0.0.1 --port 9911 --root-dir infra/fakes/openai --disable-banner

$(WIREMOCK_JAR):
	$(MVN) dependency:get -Dartifact=org.wiremock:wiremock-standalone:3.13.2 -Dtransitive=false

$(LOCAL_JAR): $(SOURCES)
	$(MVN) install -DskipTests -pl src/local -am
	@touch $@

$(CLI_JAR): $(SOURCES)
	$(MVN) install -DskipTests -pl src/cli -am
	@touch $@
