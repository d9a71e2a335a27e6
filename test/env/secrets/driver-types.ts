/** The messages between the keychain tests and keychain-driver.ts. */

/** One step the driver runs against the store it opened. */
export type DriverStep =
  | { op: 'open' }
  | { op: 'probe' }
  | { op: 'set'; account: string; secret: string }
  | { op: 'get'; account: string }
  | { op: 'delete'; account: string }
  | { op: 'list' }
  /** Creates the file `path` (a signal to the test that the steps so far are done). */
  | { op: 'touch'; path: string }
  /** Waits (at most 20 s) until the file `path` exists (the test's signal to go on). */
  | { op: 'waitFor'; path: string };

/** What the driver is asked to do: open with this config, then run the steps in order. */
export interface DriverRequest {
  config: {
    secretStore: 'auto' | 'keychain' | 'file' | 'memory';
    dataDir: string;
    keychainTimeoutMs: number;
    masterKey?: string;
  };
  steps: DriverStep[];
}

/** The outcome of one step, with its wall time in ms (after the process started). */
export interface DriverStepResult {
  op: DriverStep['op'];
  millis: number;
  kind?: string;
  description?: string;
  reason?: string;
  warning?: string | undefined;
  value?: unknown;
  error?: { name: string; code: string | undefined; message: string };
}

/** What the driver prints: the step results and every log line the store wrote. */
export interface DriverResponse {
  results: DriverStepResult[];
  log: unknown[];
}
