import { defineConfig } from '@hey-api/openapi-ts';

const CSRF_HEADER = 'x-coffer-csrf';

export default defineConfig({
  input: 'openapi.json',
  output: { path: 'src/client', indexFile: false, postProcess: [] },
  parser: {
    patch: {
      // The client sends the CSRF header on every request (src/lib/api-client-config.ts),
      // so the generated calls need not ask each caller for it.
      operations: (_method, _path, operation) => {
        const withParameters = operation as { parameters?: { name?: string }[] };
        withParameters.parameters = withParameters.parameters?.filter(
          (parameter) => parameter.name?.toLowerCase() !== CSRF_HEADER,
        );
      },
    },
  },
  plugins: [
    {
      name: '@hey-api/client-fetch',
      runtimeConfigPath: '../lib/api-client-config',
      throwOnError: true,
    },
    '@hey-api/typescript',
    '@hey-api/sdk',
  ],
});
