/**
 * A problem the user can fix (a missing file, a bad config): the CLI prints its message alone,
 * without a stack, and exits with status 1.
 * @internal
 */
export class CliError extends Error {
  override name = 'CliError';
}
