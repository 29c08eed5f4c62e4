// Integration tests start real workers and servers; hooks need more than jest's default 5 s.
jest.setTimeout(120_000);
