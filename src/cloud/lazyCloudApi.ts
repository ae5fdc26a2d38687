import { forwardingCloudApi } from './forwardingCloudApi';
import type { CloudApiConfig, DisposableCloudApi } from './tencentCloudApi';

type Client = Promise<DisposableCloudApi>;

/**
 * createTencentCloudApi with the SDK loaded on the first call rather than at activation: evaluating the SDK's
 * modules would otherwise delay the view and commands of every window, signed in or not. The bundler keeps the
 * dynamically imported module in the one bundle and evaluates it when it is first imported.
 */
export function createLazyTencentCloudApi(config: CloudApiConfig): DisposableCloudApi {
  let client: Client | undefined;
  let disposed = false;
  const real = (): Client => {
    client ??= import('./tencentCloudApi').then(({ createTencentCloudApi }) => {
      const api = createTencentCloudApi(config);
      // Disposed before the first call finished loading: behave as a client disposed after its calls began.
      if (disposed) api.dispose();
      return api;
    });
    return client;
  };
  const calls = forwardingCloudApi(real);
  return {
    ...calls,
    dispose: () => {
      disposed = true;
      void client?.then((api) => api.dispose(), () => undefined);
    },
  };
}
