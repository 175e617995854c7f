/**
 * Every firm, for system work that runs firm by firm (the reconciler, the access-log
 * verifier). Implemented by the module that owns firms, so this library reads no domain table.
 */
export abstract class TenantDirectory {
  abstract firmIds(): Promise<string[]>;
}
