// What a file is for in the repository (production, development, tests, …): one notion every check shares.

export type FileRole = 'production' | 'development' | 'test' | 'example' | 'ci' | 'archived';

export const FILE_ROLES: readonly FileRole[] = ['production', 'development', 'test', 'example', 'ci', 'archived'];

/** A file's role and, in the user's words, why it was given that role. */
export interface RoleVerdict {
  role: FileRole;
  /** Why, e.g. "`docker-compose.prod.yml` beside it is the production file". */
  reason: string;
}

/** `roles:` in the configuration: globs that give files a role, ahead of anything inferred. */
export type RoleGlobs = Partial<Record<FileRole, readonly string[]>>;
