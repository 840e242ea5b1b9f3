// Credential and permission failures, and a missing log group, as the analyst reads them.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listLogGroups } from '../../../src-main/core/connectors/cloudwatch-logs/index.js';
import { createTempDirs } from '../../helpers/temp.js';
import { isolatedAwsEnv, withEnv } from './env.js';
import { vpcEvents } from './events.js';
import { openTestDb, pull } from './harness.js';
import { userWithPolicy } from './iam.js';
import { createGroup, type Moto, putEvents, REGION, startMoto } from './moto.js';

const tempDir = createTempDirs();
let moto: Moto;

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  await createGroup(moto, '/vpc/flow', ['s']);
  await putEvents(moto, '/vpc/flow', 's', vpcEvents(20, Date.now() - 60_000).events);
});

describe('with IAM checks switched on in moto (it accepts any key until POST /moto-api/reset-auth)', () => {
  afterEach(async () => {
    await moto.setAuth('inf');
  });

  it('an unknown access key is reported as not recognised, naming where the key came from', async () => {
    await moto.setAuth(0);
    const db = openTestDb(tempDir());
    const failure = pull(
      db,
      moto.url,
      { logGroup: '/vpc/flow', since: '1h' },
      {
        credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'whatever' },
      },
    );
    // moto answers auth failures in XML, where CloudWatch Logs uses JSON: the code is read from either.
    await expect(failure).rejects.toThrow(
      /^AWS does not recognise the access key of the credentials found by the default AWS chain \(InvalidClientTokenId\)/,
    );
    db.close();
  });

  it('a wrong secret key is reported as a signature that does not match', async () => {
    const key = await userWithPolicy(moto, 'analyst', ['logs:*']);
    await moto.setAuth(0);
    const db = openTestDb(tempDir());
    const failure = pull(
      db,
      moto.url,
      { logGroup: '/vpc/flow', since: '1h' },
      {
        credentials: { ...key, secretAccessKey: 'not-the-secret' },
      },
    );
    await expect(failure).rejects.toThrow(/secret access key .* does not match its access key ID/);
    db.close();
  });

  it('a user who may list log groups but not read them gets AccessDenied naming logs:FilterLogEvents and the group', async () => {
    const key = await userWithPolicy(moto, 'lister', ['logs:DescribeLogGroups']);
    await moto.setAuth(0);
    const db = openTestDb(tempDir());
    const groups = await listLogGroups(db, { region: REGION, endpoint: moto.url }, { credentials: key });
    expect(groups.map((g) => g.name)).toEqual(['/vpc/flow']);
    const failure = pull(db, moto.url, { logGroup: '/vpc/flow', since: '1h' }, { credentials: key });
    await expect(failure).rejects.toThrow(
      /^AccessDenied: your credentials may not call logs:FilterLogEvents on log group \/vpc\/flow\./,
    );
    db.close();
  });

  it('a named profile is read from the shared credentials file: its key passes IAM, a wrong one does not', async () => {
    const key = await userWithPolicy(moto, 'profiled', ['logs:*']);
    await moto.setAuth(0);
    const dir = tempDir();
    const env = isolatedAwsEnv(dir, {
      credentials: `[vigil-test]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n\n[stale]\naws_access_key_id = AKIASTALEKEY00000000\naws_secret_access_key = x\n`,
      config: '',
    });
    const db = openTestDb(dir);
    await withEnv(env, async () => {
      const groups = await listLogGroups(db, { region: REGION, endpoint: moto.url, profile: 'vigil-test' });
      expect(groups.map((g) => g.name)).toEqual(['/vpc/flow']);
      const summary = await pull(
        db,
        moto.url,
        { logGroup: '/vpc/flow', since: '1h', profile: 'vigil-test' },
        { credentials: undefined },
      );
      expect(summary.counts.stored).toBe(20);
      await expect(
        listLogGroups(db, { region: REGION, endpoint: moto.url, profile: 'stale' }),
      ).rejects.toThrow(/does not recognise the access key of profile "stale"/);
    });
    db.close();
  });
});

describe('credentials missing from the standard AWS chain', () => {
  it('no credentials anywhere: says how to choose a profile or set the environment variables', async () => {
    const dir = tempDir();
    const db = openTestDb(dir);
    await withEnv(isolatedAwsEnv(dir), async () => {
      const failure = listLogGroups(db, { region: REGION, endpoint: moto.url });
      await expect(failure).rejects.toThrow(
        /^No AWS credentials found\. Choose a profile \(--profile NAME, or AWS_PROFILE\).*AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.*Vigil never stores credentials\.$/,
      );
    });
    db.close();
  });

  it('an unknown profile: names it and how to add it', async () => {
    const dir = tempDir();
    const db = openTestDb(dir);
    await withEnv(
      isolatedAwsEnv(dir, {
        credentials: '[other]\naws_access_key_id = a\naws_secret_access_key = b\n',
        config: '',
      }),
      async () => {
        const failure = pull(
          db,
          moto.url,
          { logGroup: '/vpc/flow', since: '1h', profile: 'typo' },
          { credentials: undefined },
        );
        await expect(failure).rejects.toThrow(
          /^AWS profile "typo" gave no credentials.*aws configure --profile typo/,
        );
      },
    );
    db.close();
  });
});

describe('a log group that does not exist', () => {
  it('moto answers ResourceNotFoundException: "log group X not found in region R (endpoint …)"', async () => {
    const db = openTestDb(tempDir());
    const failure = pull(db, moto.url, { logGroup: '/no/such/group', since: '1h' });
    await expect(failure).rejects.toThrow(
      `log group /no/such/group not found in region ${REGION} (endpoint ${moto.url}).`,
    );
    db.close();
  });
});
