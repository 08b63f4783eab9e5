import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ScaffolderExpiryDestroyer } from './ExpiryDestroyer';

/** A scaffolder stand-in on 127.0.0.1 that records the task requests it gets. */
async function scaffolderOn127(status: number, body: unknown) {
  const received: Array<{
    url?: string;
    headers: http.IncomingHttpHeaders;
    body: any;
  }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', chunk => (text += chunk));
    req.on('end', () => {
      received.push({
        url: req.url,
        headers: req.headers,
        body: JSON.parse(text),
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    baseUrl: `http://127.0.0.1:${port}/api/scaffolder`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('ScaffolderExpiryDestroyer', () => {
  it('starts the Destroy environment template with service credentials, the entity ref and the name to confirm', async () => {
    const scaffolder = await scaffolderOn127(201, { id: 'abc-123' });
    try {
      const destroyer = new ScaffolderExpiryDestroyer({
        discovery: {
          getBaseUrl: async () => scaffolder.baseUrl,
          getExternalBaseUrl: async () => scaffolder.baseUrl,
        },
        auth: mockServices.auth({ pluginId: 'environments' }),
      });
      await expect(
        destroyer.destroy({
          entityRef: 'resource:default/shop-preview',
          name: 'shop-preview',
        }),
      ).resolves.toEqual({ taskId: 'abc-123' });
      expect(scaffolder.received).toHaveLength(1);
      const [request] = scaffolder.received;
      expect(request.url).toBe('/api/scaffolder/v2/tasks');
      expect(request.headers.authorization).toMatch(/^Bearer .+/);
      expect(request.body).toEqual({
        templateRef: 'template:default/destroy-environment',
        values: {
          environment: 'resource:default/shop-preview',
          confirmName: 'shop-preview',
        },
      });
    } finally {
      await scaffolder.close();
    }
  });

  it("throws the scaffolder's answer when it refuses", async () => {
    const scaffolder = await scaffolderOn127(400, {
      errors: [{ message: 'must have required property' }],
    });
    try {
      const destroyer = new ScaffolderExpiryDestroyer({
        discovery: {
          getBaseUrl: async () => scaffolder.baseUrl,
          getExternalBaseUrl: async () => scaffolder.baseUrl,
        },
        auth: mockServices.auth(),
        templateRef: 'template:default/my-destroy',
      });
      await expect(
        destroyer.destroy({ entityRef: 'resource:default/x', name: 'x' }),
      ).rejects.toThrow(/400/);
      expect(scaffolder.received[0].body.templateRef).toBe(
        'template:default/my-destroy',
      );
    } finally {
      await scaffolder.close();
    }
  });
});
