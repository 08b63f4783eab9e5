import { applyStateFromTask, type ScaffolderTaskLike } from './applyState';

const steps = [
  { id: 'generate', action: 'terrace:environment:generate' },
  { id: 'register', action: 'terrace:catalog:register' },
  { id: 'apply', action: 'terrace:terraform:apply' },
];

function task(
  status: string,
  executor = 'local',
  extra: Partial<ScaffolderTaskLike> = {},
): ScaffolderTaskLike {
  return {
    id: 'task-1',
    status,
    createdAt: '2026-12-01T03:00:00Z',
    spec: { steps, parameters: { executor } },
    ...extra,
  };
}

const log = (stepId: string, status: string, at: string, message = '') => ({
  type: 'log',
  createdAt: at,
  body: { stepId, status, message },
});

describe('applyStateFromTask', () => {
  it('is pending until the task reaches its apply step', () => {
    expect(
      applyStateFromTask(task('processing'), [
        log('generate', 'processing', '2026-12-01T03:00:01Z'),
        log('generate', 'completed', '2026-12-01T03:00:02Z'),
        log('register', 'processing', '2026-12-01T03:00:03Z'),
      ]),
    ).toEqual({
      state: 'pending',
      taskId: 'task-1',
      executor: 'local',
      at: '2026-12-01T03:00:00Z',
    });
  });

  it('is applying while the apply step runs, and applied when it completes (local, hcp)', () => {
    const running = [
      log('register', 'completed', '2026-12-01T03:00:04Z'),
      log('apply', 'processing', '2026-12-01T03:00:05Z'),
    ];
    expect(applyStateFromTask(task('processing'), running)).toMatchObject({
      state: 'applying',
      at: '2026-12-01T03:00:05Z',
    });
    expect(
      applyStateFromTask(task('completed', 'hcp'), [
        ...running,
        log('apply', 'completed', '2026-12-01T03:07:00Z'),
      ]),
    ).toEqual({
      state: 'applied',
      taskId: 'task-1',
      executor: 'hcp',
      at: '2026-12-01T03:07:00Z',
    });
  });

  it('says a ci apply was handed to the repository workflow, not applied', () => {
    const state = applyStateFromTask(task('completed', 'ci'), [
      log('apply', 'completed', '2026-12-01T03:00:06Z'),
    ]);
    expect(state.state).toBe('delegated');
    expect(state.message).toContain('applies on merge to main');
  });

  it("gives a failed apply step's first line, not its stack", () => {
    expect(
      applyStateFromTask(task('failed'), [
        log('apply', 'processing', '2026-12-01T03:00:05Z'),
        log(
          'apply',
          'failed',
          '2026-12-01T03:01:00Z',
          'Error: terraform apply exited with code 1: Error creating DB Instance\n    at run (local.ts:1:1)',
        ),
      ]),
    ).toMatchObject({
      state: 'failed',
      at: '2026-12-01T03:01:00Z',
      message: 'terraform apply exited with code 1: Error creating DB Instance',
    });
  });

  it('is failed, naming the step, when the task failed before the apply', () => {
    expect(
      applyStateFromTask(task('failed'), [
        log(
          'register',
          'failed',
          '2026-12-01T03:00:09Z',
          'InputError: catalogInfoUrl: refused',
        ),
        log('apply', 'skipped', '2026-12-01T03:00:09Z'),
      ]),
    ).toMatchObject({
      state: 'failed',
      message:
        'The task failed before the apply (step register: catalogInfoUrl: refused)',
    });
    expect(applyStateFromTask(task('cancelled'), [])).toMatchObject({
      state: 'failed',
      message: 'The task was cancelled before the apply',
    });
  });

  it('is unknown for a task without an apply step', () => {
    expect(
      applyStateFromTask(
        task('completed', 'ci', {
          spec: { steps: [steps[0]], parameters: {} },
        }),
        [],
      ),
    ).toMatchObject({ state: 'unknown' });
  });
});
