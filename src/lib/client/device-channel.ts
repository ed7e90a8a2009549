/**
 * What the tabs of this browser tell each other about who is signed in and the idle lock
 * (ARCHITECTURE.md, "Device safety"). Ids only, never case data.
 */
export type DeviceMessage =
	/** A staff page started for this user: tabs of anyone else stop and reload. */
	| { type: 'started'; userId: string }
	/** Input in a tab of this user, at this time: the idle clock starts again in every tab. */
	| { type: 'activity'; userId: string; at: number }
	| { type: 'locked'; userId: string }
	| { type: 'unlocked'; userId: string; at: number }
	/** The idle time was changed on this device. */
	| { type: 'lock-settings'; userId: string }
	/** This user is signing out here: close their database (so it can be deleted) and stop. */
	| { type: 'signing-out'; userId: string }
	/** Done: their data is gone from the device; `owed` when the server is still to be told. */
	| { type: 'signed-out'; userId: string; owed: boolean };

export type DeviceChannel = {
	post(message: DeviceMessage): void;
	listen(handler: (message: DeviceMessage) => void): () => void;
	close(): void;
};

const NAME = 'victim-care-hub:device';

/** The browser's BroadcastChannel, or a silent stand-in where there is none (tests, old browsers). */
export function deviceChannel(): DeviceChannel {
	if (typeof BroadcastChannel === 'undefined')
		return { post: () => {}, listen: () => () => {}, close: () => {} };
	const channel = new BroadcastChannel(NAME);
	return {
		post: (message) => channel.postMessage(message),
		listen: (handler) => {
			const onMessage = (event: MessageEvent) => {
				const data = event.data as DeviceMessage | null;
				if (data && typeof data.type === 'string' && typeof data.userId === 'string') handler(data);
			};
			channel.addEventListener('message', onMessage);
			return () => channel.removeEventListener('message', onMessage);
		},
		close: () => channel.close()
	};
}
