import net from 'node:net';

export class PortInUseError extends Error {
  readonly code = 'PORT_IN_USE';
}

/**
 * Fails, naming the port and the variable that sets it, when another process listens there. Checked
 * before anything starts, so a taken port is never reported as some later failure (or, for SMTP, a
 * listener that never comes up). Port 0 asks the system for a free one and needs no check.
 */
export async function assertPortFree(what: { host: string; port: number; variable: string; label: string }): Promise<void> {
  if (what.port === 0) return;
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(what.port, what.host, resolve);
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new PortInUseError(`${what.label}port ${what.port} is in use: set ${what.variable} or stop the other process`);
    }
    if (code === 'EACCES') {
      throw new PortInUseError(
        `${what.label}port ${what.port} needs privileges this process lacks: set ${what.variable} to a port above 1023`,
      );
    }
    throw err;
  } finally {
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}
