/// The version of the Infoscope language and interpreter.
public let infoscopeVersion = "0.1.0"
