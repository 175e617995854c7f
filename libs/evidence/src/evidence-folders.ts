import { mkdir } from 'node:fs/promises';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@app/config';

/** The folders uploads pass through and (on local disk) live in, made at boot, readable by this user alone. */
@Injectable()
export class EvidenceFolders implements OnModuleInit {
  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    await mkdir(this.config.EVIDENCE_TMP_DIR, { recursive: true, mode: 0o700 });
    if (this.config.EVIDENCE_STORE === 'local') await mkdir(this.config.EVIDENCE_DIR, { recursive: true, mode: 0o700 });
  }
}
