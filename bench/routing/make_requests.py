#!/usr/bin/env python3
"""Writes the routing request sets from the compact specs below (run it after editing them):
  - src/core/src/test/resources/routing/labelled-requests.jsonl: the classifier's unit-test set (TaskClassifierTest)
  - bench/routing/requests.jsonl: the offline evaluation set (make route-eval), written separately and never used to
    tune the classifier, so its per-class agreement is a held-out figure.
Each line: {"id", "label" (the task class a person would give it), "headers", "body" (a chat or text completion body)}.
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

KILO_CODE = ("You are Kilo Code, a highly skilled software engineer with extensive knowledge in many programming "
             "languages, frameworks, design patterns, and best practices.\n\n====\n\nTOOL USE\n\nYou have access to a set of tools...")
KILO_ARCHITECT = ("You are Kilo Code, an experienced technical leader who is inquisitive and an excellent planner. "
                  "Your goal is to gather information and get context to create a detailed plan for accomplishing the user's task.")
KILO_ASK = ("You are Kilo Code, a knowledgeable technical assistant focused on answering questions and providing "
            "information about software development, technology, and related topics.")
KILO_DEBUG = "You are Kilo Code, an expert software debugger specializing in systematic problem diagnosis and resolution."
PLAIN = "You are a helpful coding assistant."

PY_FILE = '''import json
import logging
from dataclasses import dataclass, field
from typing import Optional

log = logging.getLogger(__name__)


@dataclass
class Order:
    id: str
    customer: str
    items: list = field(default_factory=list)
    discount: Optional[float] = None

    def total(self) -> float:
        subtotal = sum(i["price"] * i["qty"] for i in self.items)
        if self.discount:
            subtotal -= subtotal * self.discount
        return round(subtotal, 2)


def load_orders(path):
    with open(path) as f:
        return [Order(**row) for row in json.load(f)]


def summarize(orders):
    by_customer = {}
    for order in orders:
        by_customer.setdefault(order.customer, 0)
        by_customer[order.customer] += order.total()
    return by_customer
'''

JAVA_TRACE = '''Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()" because "name" is null
\tat com.acme.billing.InvoiceFormatter.pad(InvoiceFormatter.java:42)
\tat com.acme.billing.InvoiceFormatter.format(InvoiceFormatter.java:18)
\tat com.acme.billing.Main.main(Main.java:11)'''

PY_TRACE = '''Traceback (most recent call last):
  File "/app/orders.py", line 31, in summarize
    by_customer[order.customer] += order.total()
  File "/app/orders.py", line 19, in total
    subtotal = sum(i["price"] * i["qty"] for i in self.items)
TypeError: string indices must be integers'''

DIFF = '''diff --git a/src/cli.py b/src/cli.py
--- a/src/cli.py
+++ b/src/cli.py
@@ -10,6 +10,7 @@ def main():
     parser = argparse.ArgumentParser()
     parser.add_argument("path")
+    parser.add_argument("--verbose", action="store_true")
     args = parser.parse_args()'''

TOOLS = [{"type": "function", "function": {"name": n, "description": d, "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}}}
         for n, d in [("read_file", "Read a file"), ("write_to_file", "Write a file"), ("execute_command", "Run a shell command"),
                      ("search_files", "Search with a regex"), ("apply_diff", "Apply a diff")]]


def big_file(copies):
    return "\n".join(PY_FILE.replace("Order", "Order%d" % i) for i in range(copies))


def task(text):
    return "<task>\n" + text + "\n</task>\n<environment_details>\n# VSCode Visible Files\nsrc/app.py\n\n# Current Time\n2026-11-24T06:00:00Z\n</environment_details>"


def chat(system, user, mode=None, tools=False, image=False, effort=None, max_tokens=None, schema=False, extra=None):
    messages = []
    if system:
        messages.append({"role": "system", "content": system})
    if extra:
        messages.extend(extra)
    if image:
        messages.append({"role": "user", "content": [{"type": "text", "text": user},
                                                     {"type": "image_url", "image_url": {"url": "https://example.com/screenshot.png"}}]})
    else:
        messages.append({"role": "user", "content": user})
    body = {"model": "kilo/auto", "messages": messages}
    if tools:
        body["tools"] = TOOLS
    if effort:
        body["reasoning_effort"] = effort
    if max_tokens:
        body["max_tokens"] = max_tokens
    if schema:
        body["response_format"] = {"type": "json_schema", "json_schema": {"name": "answer", "schema": {"type": "object"}}}
    headers = {"x-kilocode-mode": mode} if mode else {}
    return headers, body


def tool_loop(system, first, mode=None):
    extra = [{"role": "user", "content": task(first)},
             {"role": "assistant", "content": None, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "read_file", "arguments": "{\"path\":\"src/orders.py\"}"}}]},
             {"role": "tool", "tool_call_id": "call_1", "content": PY_FILE}]
    body = {"model": "kilo/auto", "messages": [{"role": "system", "content": system}] + extra, "tools": TOOLS}
    return ({"x-kilocode-mode": mode} if mode else {}), body


def fim(prefix, suffix):
    return {}, {"model": "kilo/auto", "prompt": prefix, "suffix": suffix, "max_tokens": 64}


def line(i, label, spec):
    headers, body = spec
    return {"id": i, "label": label, "headers": headers, "body": body}


LABELLED = [
    # title / summary
    ("title-header", "title", chat(PLAIN, "Generate a short title for this conversation: how do I add retries to my HTTP client?", mode="title")),
    ("title-text", "title", chat(PLAIN, "Write a concise commit message for these changes.\n\n" + DIFF)),
    ("title-words", "title", chat(None, "Summarize this conversation in at most five words.")),
    ("title-long-history", "title", chat(PLAIN, "Give me a title for this session, under eight words.",
                                          extra=[{"role": "user", "content": big_file(4)}, {"role": "assistant", "content": "It loads and totals orders."}])),
    # completion
    ("fim-python", "completion", fim("def total(items):\n    return sum(", ")\n")),
    ("fim-java", "completion", fim("public int size() {\n    return ", ";\n}")),
    ("fim-ts", "completion", fim("export function clamp(x: number, lo: number, hi: number) {\n  ", "\n}")),
    # quick question
    ("ask-mode", "quick_question", chat(KILO_ASK, "What does the walrus operator do in Python?", mode="ask")),
    ("short-question", "quick_question", chat(PLAIN, "How do I list git branches sorted by last commit date?")),
    ("question-about-code", "quick_question", chat(PLAIN, "What does this function return when items is empty?\n```python\n" + PY_FILE + "\n```")),
    ("long-easy", "quick_question", chat(PLAIN, "```python\n" + big_file(12) + "\n```\nWhich module does this file import json from?")),
    ("ask-system-prompt", "quick_question", chat(KILO_ASK, "Is `Optional[float]` the same as `float | None`?")),
    ("explain-flag", "quick_question", chat(PLAIN, "Explain what `git rebase --onto` does in two sentences.")),
    # code edit
    ("code-mode-header", "code_edit", chat(KILO_CODE, task("add a --verbose flag to cli.py"), mode="code", tools=True)),
    ("code-mode-system", "code_edit", chat(KILO_CODE, task("rename the Order class to PurchaseOrder everywhere"), tools=True)),
    ("implement-function", "code_edit", chat(PLAIN, "Implement a function that parses ISO-8601 durations like PT1H30M into seconds, in TypeScript.")),
    ("refactor-with-code", "code_edit", chat(PLAIN, "Refactor this to use a dictionary comprehension:\n```python\n" + PY_FILE + "\n```")),
    ("apply-diff", "code_edit", chat(PLAIN, DIFF + "\nApply this to the repo and also update the README.")),
    ("tool-loop", "code_edit", tool_loop(KILO_CODE, "add type hints to src/orders.py")),
    ("write-tests", "code_edit", chat(PLAIN, "Write pytest tests for the summarize function in orders.py.")),
    # debugging
    ("debug-mode", "debugging", chat(KILO_DEBUG, task("the nightly export job sometimes writes an empty file"), mode="debug", tools=True)),
    ("java-trace", "debugging", chat(PLAIN, "I get this when I run the billing job:\n" + JAVA_TRACE)),
    ("python-trace-code-mode", "debugging", chat(KILO_CODE, task("this crashes:\n" + PY_TRACE), mode="code", tools=True)),
    ("short-hard-deadlock", "debugging", chat(PLAIN, "Why does this deadlock under load?")),
    ("flaky-test", "debugging", chat(PLAIN, "The test test_checkout_total is flaky on CI but passes locally. Where should I look?")),
    ("memory-leak", "debugging", chat(PLAIN, "Our Node service has a memory leak after the upgrade to v20, heap grows 50MB an hour.")),
    # architecture
    ("architect-header", "architecture", chat(KILO_ARCHITECT, task("plan the migration of our monolith's billing module to its own service"), mode="architect", tools=True)),
    ("architect-system", "architecture", chat(KILO_ARCHITECT, task("we need multi-tenant support in the API, propose an approach"), tools=True)),
    ("plan-mode", "architecture", chat(PLAIN, "Plan mode is active. Outline the steps to add SSO to the admin app.", mode="plan")),
    ("short-hard-design", "architecture", chat(PLAIN, "Design a rate limiter for a distributed API gateway.")),
    ("tradeoffs", "architecture", chat(PLAIN, "Should we use Kafka or SQS for order events? List the trade-offs for a team of five.")),
    ("reasoning-high", "architecture", chat(PLAIN, "Prove that this scheduling greedy choice is optimal or give a counterexample.", effort="high")),
    # other
    ("prose", "other", chat(PLAIN, "Write a friendly announcement for our team about the new on-call rotation.")),
    ("chitchat", "other", chat(PLAIN, "Thanks, that worked great.")),
    ("translate", "other", chat(PLAIN, "Translate the following release notes into German: faster startup, fewer bugs in export, new dark theme.")),
]

EVAL = [
    ("e-title-1", "title", chat(PLAIN, "Create a short title for this chat about fixing the Dockerfile cache.", mode="title")),
    ("e-title-2", "title", chat(PLAIN, "Write a commit message for: switched the HTTP client to connection pooling and added a timeout.")),
    ("e-title-3", "title", chat(PLAIN, "Summarize this conversation in ten words or fewer.", extra=[{"role": "user", "content": "how do I set up eslint"}, {"role": "assistant", "content": "Install eslint and run npx eslint --init."}])),
    ("e-title-4", "title", chat(None, "Suggest a name for this session: we debugged the login redirect loop.", mode="title")),
    ("e-fim-1", "completion", fim("import os\n\ndef env_flag(name):\n    return os.environ.get(name, '')", "\n")),
    ("e-fim-2", "completion", fim("fn main() {\n    let v: Vec<i32> = ", ";\n}")),
    ("e-fim-3", "completion", fim("SELECT id, email FROM users WHERE ", " ORDER BY id;")),
    ("e-fim-4", "completion", fim("func (s *Server) Close() error {\n\t", "\n}")),
    ("e-q-1", "quick_question", chat(KILO_ASK, "What is the difference between `let` and `const` in JavaScript?", mode="ask")),
    ("e-q-2", "quick_question", chat(PLAIN, "How do I undo the last git commit but keep the changes?")),
    ("e-q-3", "quick_question", chat(PLAIN, "What HTTP status should an API return for a duplicate resource?")),
    ("e-q-4", "quick_question", chat(PLAIN, "```python\n" + big_file(20) + "\n```\nWhat is the return type of load_orders?")),
    ("e-q-5", "quick_question", chat(KILO_ASK, "Does Python's sorted() keep equal elements in order?", mode="ask")),
    ("e-q-6", "quick_question", chat(PLAIN, "Which flag makes curl follow redirects?")),
    ("e-q-7", "quick_question", chat(PLAIN, "Is there a built-in way in Java 17 to join strings with a separator?")),
    ("e-q-8", "quick_question", chat(KILO_ASK, "where is the entry point of this project?", mode="ask", tools=True)),
    ("e-edit-1", "code_edit", chat(KILO_CODE, task("add pagination to the /orders endpoint"), mode="code", tools=True)),
    ("e-edit-2", "code_edit", chat(KILO_CODE, task("convert the config loader from JSON to YAML"), mode="code", tools=True)),
    ("e-edit-3", "code_edit", tool_loop(KILO_CODE, "extract the discount logic into its own function", mode="code")),
    ("e-edit-4", "code_edit", tool_loop(KILO_CODE, "add docstrings to every public function")),
    ("e-edit-5", "code_edit", chat(PLAIN, "Add input validation to this handler so negative quantities are rejected:\n```python\n" + PY_FILE + "\n```")),
    ("e-edit-6", "code_edit", chat(PLAIN, "Write a Go function that retries an HTTP GET with exponential backoff.")),
    ("e-edit-7", "code_edit", chat(KILO_CODE, task("update all imports from utils.helpers to core.helpers"), mode="code", tools=True)),
    ("e-edit-8", "code_edit", chat(PLAIN, "Make the summarize function return customers sorted by total.\n```python\n" + PY_FILE + "\n```")),
    ("e-edit-9", "code_edit", chat(KILO_CODE, task("remove the deprecated v1 routes and their tests"), mode="code", tools=True)),
    ("e-edit-10", "code_edit", chat(KILO_CODE, task("add a dark mode toggle to the settings page") , mode="code", tools=True, image=True)),
    ("e-debug-1", "debugging", chat(KILO_DEBUG, task("users report 500s on checkout since this morning's deploy"), mode="debug", tools=True)),
    ("e-debug-2", "debugging", chat(PLAIN, "Running the report gives:\n" + PY_TRACE + "\nWhat is wrong?")),
    ("e-debug-3", "debugging", chat(KILO_CODE, task("fix the failing test in tests/test_orders.py"), mode="code", tools=True)),
    ("e-debug-4", "debugging", chat(PLAIN, "Why is my React component rendering twice and the effect firing with a stale value?")),
    ("e-debug-5", "debugging", chat(PLAIN, "There's a race condition between the cache refresh and the request handler, how do I find it?")),
    ("e-debug-6", "debugging", chat(PLAIN, JAVA_TRACE)),
    ("e-debug-7", "debugging", chat(PLAIN, "The build hangs at 'Resolving dependencies' since yesterday, nothing in the logs.")),
    ("e-debug-8", "debugging", chat(KILO_CODE, task("the CSV export is broken for rows with commas"), mode="code", tools=True)),
    ("e-arch-1", "architecture", chat(KILO_ARCHITECT, task("design the data model for recurring invoices"), mode="architect", tools=True)),
    ("e-arch-2", "architecture", chat(PLAIN, "We have 3 services sharing one Postgres database. Propose an architecture to split it without downtime.")),
    ("e-arch-3", "architecture", chat(PLAIN, "What's the best way to structure a plugin system for our CLI so third parties can add commands? Compare approaches.", mode="plan")),
    ("e-arch-4", "architecture", chat(PLAIN, "Should we pick gRPC or REST for internal service calls given mobile clients also need the API?")),
    ("e-arch-5", "architecture", chat(KILO_ARCHITECT, task("write an implementation plan for offline mode in the mobile app"), tools=True)),
    ("e-arch-6", "architecture", chat(PLAIN, "Design a consistent-hashing scheme for our cache cluster that tolerates node loss.", effort="high")),
    ("e-arch-7", "architecture", chat(PLAIN, "Think through the threat model for letting users upload arbitrary SVGs.")),
    ("e-other-1", "other", chat(PLAIN, "Write a short poem about refactoring.")),
    ("e-other-2", "other", chat(PLAIN, "Draft an email to a customer apologizing for yesterday's outage.")),
    ("e-other-3", "other", chat(PLAIN, "ok")),
    ("e-other-4", "other", chat(PLAIN, "Translate 'the build is green' into Spanish and French.")),
    ("e-other-5", "other", chat(PLAIN, "Rewrite this paragraph to sound more professional: we kinda shipped it late but its fine now.")),
    ("e-json-1", "quick_question", chat(PLAIN, "List the HTTP methods that are idempotent, as JSON.", schema=True)),
    ("e-vision-1", "debugging", chat(PLAIN, "This layout is broken on mobile, see the screenshot. Why does the sidebar overlap?", image=True)),
    ("e-long-edit", "code_edit", chat(KILO_CODE, task("add logging to every function in this file:\n" + big_file(60)), mode="code", tools=True, max_tokens=16000)),
]


def write(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        for i, label, spec in rows:
            f.write(json.dumps(line(i, label, spec)) + "\n")
    print("wrote", len(rows), "requests to", os.path.relpath(path, ROOT))


write(os.path.join(ROOT, "src/core/src/test/resources/routing/labelled-requests.jsonl"), LABELLED)
write(os.path.join(HERE, "requests.jsonl"), EVAL)
