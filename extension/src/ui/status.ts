// Asks the background for the engine's status (pack in force, engine version).

import { ext } from "../shared/browser-api";
import type { EngineStatus, Reply } from "../shared/messages";

export async function engineStatus(): Promise<EngineStatus> {
  const reply = (await ext.runtime.sendMessage({ kind: "get-status" })) as Reply<"get-status"> | undefined;
  if (!reply) throw new Error("no answer");
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
