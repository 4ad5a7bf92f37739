/**
 * Reads standard input to its end: passwords come this way, never as arguments, which
 * other users of the machine can see in the process list and which shells keep in history.
 * One trailing newline (from `echo` or a here-string) is not part of the secret.
 */
export async function readSecretFromStdin(io: { err(text: string): void }): Promise<string> {
  if (process.stdin.isTTY) io.err('Type the password, then Enter and Ctrl-D:');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
