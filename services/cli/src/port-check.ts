import net from 'node:net';

export class PortInUseError extends Error {
  readonly code = 'PORT_IN_USE';
}

/** A port a listener needs, the variable that sets it, and what to call it in a message. */
export interface PortSpec {
  host: string;
  port: number;
  variable: string;
  label: string;
}

/**
 * Fails, naming the port and the variable that sets it, when another process listens there. Checked
 * before anything starts, so a taken port is never reported as some later failure. Port 0 asks the
 * system for a free one and needs no check.
 */
export async function assertPortFree(spec: PortSpec): Promise<void> {
  if (spec.port === 0) return;
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(spec.port, spec.host, resolve);
    });
  } catch (err) {
    throw explainListenError(err, spec);
  } finally {
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}

/** A listen error in the same words (the port can still be taken between the check and the listener). */
export function explainListenError(err: unknown, spec: PortSpec): unknown {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new PortInUseError(`${spec.label}port ${spec.port} is in use: set ${spec.variable} or stop the other process`);
    case 'EACCES':
      return new PortInUseError(
        `${spec.label}port ${spec.port} needs privileges this process lacks: set ${spec.variable} to a port above 1023`,
      );
    default:
      return err;
  }
}
