// The official OpenAI Node SDK, unmodified, against the gateway. Run by OpenAiSdkTest with GATEWAY_URL (the /v1
// base URL), GATEWAY_KEY (a key made with the gateway's key service) and MODEL; the upstream is a WireMock fake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const baseURL = process.env.GATEWAY_URL;
const model = process.env.MODEL;
const client = new OpenAI({ baseURL, apiKey: process.env.GATEWAY_KEY, maxRetries: 0 });
const question = [{ role: 'user', content: 'How do I squash commits?' }];

test('a plain answer', async () => {
  const completion = await client.chat.completions.create({ model, messages: question });
  assert.equal(completion.model, model);
  assert.equal(completion.choices[0].message.content, 'Use `git rebase -i HEAD~3` and mark the commits to squash.');
  assert.ok(completion.usage.total_tokens > 0);
});

test('a streamed answer, chunk by chunk, with usage at the end', async () => {
  const stream = await client.chat.completions.create({
    model, messages: question, stream: true, stream_options: { include_usage: true },
  });
  let text = '';
  let chunks = 0;
  let usage = null;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices[0]?.delta?.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(text, 'Hello from the gateway!');
  assert.ok(chunks >= 5, `expected several chunks, got ${chunks}`);
  assert.ok(usage && usage.completion_tokens > 0, 'the usage chunk arrived');
});

test('a tool call', async () => {
  const completion = await client.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'Write hello.py' }],
    tools: [{
      type: 'function',
      function: {
        name: 'write_file',
        parameters: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } } },
      },
    }],
  });
  const call = completion.choices[0].message.tool_calls[0];
  assert.equal(completion.choices[0].finish_reason, 'tool_calls');
  assert.equal(call.function.name, 'write_file');
  assert.equal(JSON.parse(call.function.arguments).path, 'hello.py');
});

test('a bad key is an AuthenticationError with OpenAI\'s error shape', async () => {
  const bad = new OpenAI({ baseURL, apiKey: 'sk-kg-not-a-real-key', maxRetries: 0 });
  await assert.rejects(bad.chat.completions.create({ model, messages: question }), (error) => {
    assert.ok(error instanceof OpenAI.AuthenticationError, `got ${error?.constructor?.name}`);
    assert.equal(error.status, 401);
    assert.equal(error.code, 'invalid_api_key');
    return true;
  });
});

test('the model list', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.ok(ids.includes(model), `${model} in ${ids}`);
});
