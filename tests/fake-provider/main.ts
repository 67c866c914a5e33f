/**
 * `npm run fake-provider -- [--port N] [--tps N] [--key KEY]`: runs the fake
 * provider for demos and manual tests until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { LISTED_MODELS } from './script';
import { startFakeProvider } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    tps: { type: 'string', default: '30' },
    key: { type: 'string' },
  },
});

const fake = await startFakeProvider({
  port: Number(values.port),
  tokensPerSecond: Number(values.tps),
  ...(values.key ? { apiKey: values.key } : {}),
});

console.log(`Spool fake provider listening on ${fake.url}

  OpenAI-compatible   base URL ${fake.url}/v1     (POST /v1/chat/completions, GET /v1/models)
  Anthropic           base URL ${fake.url}/v1     (POST /v1/messages)
  Ollama              base URL ${fake.url}        (GET /api/tags, chat via /v1)
  ${values.key ? `API key required: ${values.key}` : 'Any API key (or none) is accepted.'}

Pick a behaviour with the model name, e.g.:
${LISTED_MODELS.map((m) => `  ${m}`).join('\n')}
  script:cut-after-5?tps=5   (options: tps, text, tokens, times, retry-after, status, message, bytes)

Any other model name gets the default script (a friendly reply); change it with
  curl -X POST ${fake.url}/__script -d '{"script":"script:stall-after-3"}'
Recorded requests: GET ${fake.url}/__requests   Reset: POST ${fake.url}/__reset
Stop with Ctrl-C.`);

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
