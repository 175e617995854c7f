import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from './sql-rows';

export class DatabaseRoleError extends Error {
  override name = 'DatabaseRoleError';
}

/**
 * Row-level security only protects anything if the apps cannot switch it off. A superuser or
 * BYPASSRLS role ignores every policy, and a table's owner can disable them, so the apps refuse
 * to start as any of these.
 */
@Injectable()
export class AppRoleGuard implements OnModuleInit {
  constructor(private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    const [role] = await sqlRows<{ name: string; superuser: boolean; bypassrls: boolean; owns: number }>(
      this.db.manager,
      `SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
              (SELECT count(*)::int FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = r.rolname) AS owns
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const problems = [
      role.superuser && 'is a superuser',
      role.bypassrls && 'has BYPASSRLS',
      role.owns > 0 && `owns ${role.owns} table(s)`,
    ].filter(Boolean);
    if (problems.length > 0) {
      throw new DatabaseRoleError(
        `DATABASE_URL: the role "${role.name}" ${problems.join(', ')}, so row-level security would not protect firms from ` +
          `each other. Connect as claims_app (created by npm run migrate), e.g. postgres://claims_app@host:5432/claims.`,
      );
    }
  }
}
