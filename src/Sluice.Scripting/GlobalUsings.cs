global using JsEngine = Jint.Engine;
