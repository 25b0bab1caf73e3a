import { createContext, useContext } from "react";

// The Content-Security-Policy nonce of this response, for <Scripts> and friends.
// Browsers hide nonce attributes from scripts, so the browser side sees "".
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
