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
# Every Lambda function module (completions, discovery, router, ...), comma-separated for mvn -pl.
empty :=
space := $(empty) $(empty)
comma := ,
FUNCTION_MODULES := $(subst $(space),$(comma),$(patsubst %/pom.xml,%,$(wildcard src/functions/*/pom.xml)))
SOURCES := $(shell find src infra -type f \( -name '*.java' -o -name '*.properties' -o -name 'pom.xml' -o -name '*.json' \) -not -path '*/target/*' -not -path '*/node_modules/*') pom.xml

# Deploying: terraform -chdir=terraform, with the AWS credentials and region of the environment (AWS_PROFILE,
# AWS_REGION). PACKAGE_TYPE=native deploys the make native build; TF_ARGS reaches terraform apply and destroy.
TERRAFORM ?= terraform
PACKAGE_TYPE ?= jvm
TF_ARGS ?=

.PHONY: help run test package native key key-list key-revoke discover bench-discovery bench-router route-eval fake-upstream deploy destroy tf-check provider-keys bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-11s %s\n", $$1, $$2}'

run: $(LOCAL_JAR) ## Run the gateway on http://localhost:8080 (PORT=... to change) with an embedded DynamoDB Local (provider keys from the environment)
	PORT=$(PORT) java -Ddynamodb.local.lib=$(DDB_LIB) -jar $(LOCAL_JAR)

test: ## Build everything and run every test (DynamoDB Local, WireMock fakes, the openai npm client)
	./mvnw -B verify

package: ## Build the Lambda deployment zips (JVM): src/functions/*/target/function.zip
	$(MVN) package -DskipTests
	@ls -l src/functions/*/target/function.zip

native: ## Build the native provided.al2023 bootstrap zips of every function (needs GraalVM or Mandrel native-image)
	$(MVN) package -DskipTests -Pnative -pl $(FUNCTION_MODULES) -am

deploy: $(if $(filter native,$(PACKAGE_TYPE)),native,package) ## Build the zips and deploy to AWS (terraform apply; PACKAGE_TYPE=native, TF_ARGS=...)
	$(TERRAFORM) -chdir=terraform init -input=false
	$(TERRAFORM) -chdir=terraform apply -var package_type=$(PACKAGE_TYPE) $(TF_ARGS)
	@echo "OPENAI_BASE_URL=$$($(TERRAFORM) -chdir=terraform output -raw base_url)"

destroy: ## Delete the AWS deployment (terraform destroy; tables go too unless deletion_protection)
	$(TERRAFORM) -chdir=terraform destroy -var package_type=$(PACKAGE_TYPE) $(TF_ARGS)

provider-keys: ## Store provider keys in the deployment's secret: make provider-keys FILE=keys.json ({"openai":"sk-..."})
	@test -n "$(FILE)" || { echo 'usage: make provider-keys FILE=<json file with {"<provider id>":"<key>"}>' >&2; exit 2; }
	aws secretsmanager put-secret-value --secret-id "$$($(TERRAFORM) -chdir=terraform output -raw provider_keys_secret_arn)" \
	  --secret-string "file://$(FILE)" --query VersionId --output text

tf-check: ## Check terraform/: fmt and validate where terraform is installed; always the parsed-configuration tests
	@if command -v $(TERRAFORM) >/dev/null 2>&1; then \
	  $(TERRAFORM) fmt -check -recursive terraform && \
	  $(TERRAFORM) -chdir=terraform init -backend=false -input=false >/dev/null && \
	  $(TERRAFORM) -chdir=terraform validate; \
	else echo "tf-check: no terraform binary, so no fmt or validate; running the parsed-configuration tests only"; fi
	./mvnw -B -q verify -pl src/deploy-check

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

bench-router: ## Benchmark kilo/auto on 300 models with JMH: the decision, and signals + decision per request (p50/p99, µs)
	./mvnw -B -q test -pl src/core -am -Dgroups=bench -Dbench.excluded= -Dtest=RouterBenchTest -Dsurefire.failIfNoSpecifiedTests=false

route-eval: ## Replay bench/routing/requests.jsonl through /v1/route: per-class choices and cost vs baselines (ROUTE_EVAL_FILE=...)
	./mvnw -B -q test -pl src/local -am -Dgroups=bench -Dbench.excluded= -Dtest=RouteEval -Dsurefire.failIfNoSpecifiedTests=false \
	  -Droute.eval.file=$(abspath $(or $(ROUTE_EVAL_FILE),bench/routing/requests.jsonl))

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
