// REST helpers: every call is same-origin, so the UI works wherever `sluice serve` listens.
async function check(response, url) {
  if (!response.ok) {
    throw new Error(`${url}: ${response.status} ${await response.text()}`);
  }
  return response;
}

export async function getJson(url) {
  return (await check(await fetch(url, { cache: 'no-store' }), url)).json();
}

export async function getText(url) {
  return (await check(await fetch(url, { cache: 'no-store' }), url)).text();
}

export async function putJson(url, body) {
  await check(await fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }), url);
}

// Runs task now and then every periodMs, never two at once; returns the function that stops it.
export function poll(periodMs, task) {
  let timer = 0;
  let stopped = false;
  const run = async () => {
    try {
      await task();
    } catch (error) {
      if (!stopped) console.warn(error);
    }
    if (!stopped) timer = setTimeout(run, periodMs);
  };
  run();
  return () => { stopped = true; clearTimeout(timer); };
}
