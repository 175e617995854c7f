import { Injectable } from '@nestjs/common';
import { TenantDirectory } from '@app/database';
import { CasesRepository } from './cases.repository';

/** The firms, for system work that runs firm by firm. */
@Injectable()
export class FirmDirectory extends TenantDirectory {
  constructor(private readonly repository: CasesRepository) {
    super();
  }

  firmIds(): Promise<string[]> {
    return this.repository.firmIds();
  }
}
