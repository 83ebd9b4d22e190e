/** Updates a card's spending limit, clamped to the product's range. */
interface UpdateCardRequest {
  readonly cardId: string;
  readonly limitUsd: number;
}

export async function handler(request: UpdateCardRequest): Promise<{ cardId: string; limitUsd: number }> {
  const limitUsd = Math.max(0, Math.min(request.limitUsd, 10_000));
  return { cardId: request.cardId, limitUsd };
}
