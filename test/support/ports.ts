/** Ports for tests: never a fixed one (other test runs share this machine). */
import net from 'node:net';

/** A port free a moment ago (the OS picks it): for settings that must name a real port. */
export async function freePort(): Promise<number> {
  const server = await occupyPort();
  const { port } = server;
  await server.close();
  return port;
}

/** Holds a loopback port with a plain TCP server (another program), until close(). */
export function occupyPort(port = 0): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address() as net.AddressInfo;
      resolve({ port: address.port, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
